"""The brand script library: touchpoint scripts, their schema and loader, and rubric scoring."""
