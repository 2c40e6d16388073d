{{ config(**ntp_per_document_config()) }}

with

lines as (

    select * from {{ ref('int_funding_lines_apportioned') }} {{ ntp_only_replaced_documents() }}

),

final as (

    select
        lines.allocation_id,
        lines.document_id,
        lines.program_code,
        lines.province_code,
        lines.plan_year,
        lines.period_start_year,
        lines.period_end_year,
        lines.as_of_date,
        lines.line_code,
        lines.parent_line_code,
        lines.parent_allocation_id,
        coalesce(lines.sub_project_code, lines.project_code) as project_code,
        lines.project_code as top_project_code,
        lines.sub_project_code,
        lines.area_name,
        lines.area_code,
        lines.area_match,
        lines.capital_type,
        lines.budget_level,
        lines.funding_source,
        lines.budget_phase,
        lines.project_basis,
        lines.capital_type_basis,
        lines.budget_level_basis,
        lines.budget_phase_basis,
        lines.year_basis,
        cast(lines.amount_million_vnd as decimal(18, 3)) as amount_million_vnd,
        cast(lines.precision_million_vnd as decimal(18, 6)) as precision_million_vnd,
        lines.is_approximate,
        lines.breakdown as breakdown_kind,
        lines.scale_word,
        lines.label,
        lines.source_quote,
        lines.source_line,
        lines.source_file,
        lines.source_locator,
        lines.figure_text,
        lines.origin,
        make_date(lines.plan_year, 1, 1) as plan_year_start_date,
        lines.has_parts,
        cast(lines.additive_amount_million_vnd as decimal(18, 3)) as additive_amount_million_vnd
    from lines

)

select * from final
