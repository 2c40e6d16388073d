with

source as (

    select * from {{ ref('extracted_targets') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(source_file as varchar) as source_file,
        cast(source_line as integer) as source_line,
        cast(span_start as integer) as span_start,
        cast(parent_span_start as integer) as parent_span_start,
        cast(program_code as varchar) as program_code,
        cast(province_code as varchar) as province_code,
        cast(plan_year as integer) as plan_year,
        cast(admin_level as varchar) as admin_level,
        cast(area_name as varchar) as area_name,
        cast(project_code as varchar) as project_code,
        cast(sub_project_code as varchar) as sub_project_code,
        cast(content_code as varchar) as content_code,
        cast(indicator_name as varchar) as indicator_name,
        cast(target_value as decimal(18, 4)) as target_value,
        cast(denominator_value as decimal(18, 4)) as denominator_value,
        lower(cast(unit_raw as varchar)) as unit_raw,
        cast(comparator as varchar) as comparator,
        cast(measure as varchar) as measure,
        cast(origin as varchar) as origin,
        cast(source_locator as varchar) as source_locator,
        cast(figure_text as varchar) as figure_text,
        cast(source_quote as varchar) as source_quote
    from source

)

select * from renamed
