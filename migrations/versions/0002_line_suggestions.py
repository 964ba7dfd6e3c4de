"""line suggestions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('line_suggestion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('touchpoint_id', sa.String(length=64), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'approved', 'rejected', name='suggestion_status', native_enum=False, length=20), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['employee.id'], ),
    sa.ForeignKeyConstraint(['decided_by_id'], ['employee.id'], ),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('line_suggestion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_line_suggestion_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_line_suggestion_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_line_suggestion_status'), ['status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('line_suggestion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_line_suggestion_status'))
        batch_op.drop_index(batch_op.f('ix_line_suggestion_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_line_suggestion_author_id'))

    op.drop_table('line_suggestion')
