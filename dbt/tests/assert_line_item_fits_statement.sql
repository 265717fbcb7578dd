-- Every canonical line_item code belongs to the statement it is filed under
-- (codes as listed in the warehouse contract; `other` fits any statement).
-- Returns the figures whose code does not fit.
with codes (statement, line_item) as (

    values
        ('income_statement', 'operating_income'),
        ('income_statement', 'operating_expenses'),
        ('income_statement', 'depreciation'),
        ('income_statement', 'operating_result'),
        ('income_statement', 'financial_income'),
        ('income_statement', 'financial_expenses'),
        ('income_statement', 'result_after_financial_items'),
        ('income_statement', 'extraordinary_items'),
        ('income_statement', 'net_result'),
        ('balance_sheet', 'fixed_assets_total'),
        ('balance_sheet', 'receivables'),
        ('balance_sheet', 'prepaid_expenses_and_accrued_income'),
        ('balance_sheet', 'cash_and_bank'),
        ('balance_sheet', 'current_assets_total'),
        ('balance_sheet', 'total_assets'),
        ('balance_sheet', 'retained_earnings'),
        ('balance_sheet', 'net_result'),
        ('balance_sheet', 'equity_total'),
        ('balance_sheet', 'provisions_total'),
        ('balance_sheet', 'accounts_payable'),
        ('balance_sheet', 'other_liabilities'),
        ('balance_sheet', 'accrued_expenses_and_deferred_income'),
        ('balance_sheet', 'current_liabilities_total'),
        ('balance_sheet', 'total_equity_and_liabilities'),
        ('cash_flow', 'cash_flow_operating'),
        ('cash_flow', 'cash_flow_investing'),
        ('cash_flow', 'cash_flow_financing'),
        ('cash_flow', 'net_cash_flow'),
        ('cash_flow', 'cash_at_start'),
        ('cash_flow', 'cash_at_end')

)

select
    facts.report_id,
    facts.statement,
    facts.line_item,
    facts.label,
    facts.period_end,
    facts.source_page,
    facts.source_line
from {{ ref('fct_financial_statement') }} as facts
left join codes
    on codes.statement = facts.statement
    and codes.line_item = facts.line_item
where facts.line_item <> 'other'
  and codes.line_item is null
