with

lines as (

    select * from {{ ref('int_funding_lines_conformed') }}

),

final as (

    select
        allocation_id,
        document_id,
        program_code,
        province_code,
        plan_year,
        line_code,
        parent_line_code,
        parent_allocation_id,
        project_code,
        sub_project_code,
        area_name,
        capital_type,
        budget_level,
        funding_source,
        budget_phase,
        cast(amount_million_vnd as decimal(18, 3)) as amount_million_vnd,
        cast(precision_million_vnd as decimal(18, 6)) as precision_million_vnd,
        is_approximate,
        breakdown as breakdown_kind,
        scale_word,
        label,
        source_quote,
        source_line,
        source_file,
        source_locator,
        figure_text,
        origin
    from lines

)

select * from final
