"""Excel reports for HR: workbook builders over pure report rows (a later issue)."""
