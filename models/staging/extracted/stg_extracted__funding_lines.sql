with

source as (

    select * from {{ ref('extracted_funding_lines') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(line_code as varchar) as line_code,
        cast(parent_line_code as varchar) as parent_line_code,
        cast(program_code as varchar) as program_code,
        cast(province_code as varchar) as province_code,
        cast(plan_year as integer) as plan_year,
        cast(project_code as varchar) as project_code,
        cast(sub_project_code as varchar) as sub_project_code,
        cast(area_name as varchar) as area_name,
        cast(capital_type as varchar) as capital_type,
        cast(budget_level as varchar) as budget_level,
        cast(funding_source as varchar) as funding_source,
        cast(budget_phase as varchar) as budget_phase,
        cast(amount_million_vnd as decimal(18, 6)) as amount_million_vnd,
        cast(scale_word as varchar) as scale_word,
        cast(precision_million_vnd as decimal(18, 6)) as precision_million_vnd,
        cast(is_approximate as boolean) as is_approximate,
        cast(breakdown as varchar) as breakdown,
        cast(label as varchar) as label,
        cast(origin as varchar) as origin,
        cast(source_file as varchar) as source_file,
        cast(source_line as integer) as source_line,
        cast(source_locator as varchar) as source_locator,
        cast(span_start as integer) as span_start,
        cast(figure_text as varchar) as figure_text,
        cast(source_quote as varchar) as source_quote
    from source

)

select * from renamed
