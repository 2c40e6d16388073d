with

source as (

    select * from {{ ntp_extracted('extracted_targets') }}

),

renamed as (

    select
        cast(document_id as {{ ntp_type_string() }}) as document_id,
        cast(source_file as {{ ntp_type_string() }}) as source_file,
        cast(source_line as integer) as source_line,
        cast(span_start as integer) as span_start,
        cast(parent_span_start as integer) as parent_span_start,
        cast(program_code as {{ ntp_type_string() }}) as program_code,
        cast(province_code as {{ ntp_type_string() }}) as province_code,
        cast(plan_year as integer) as plan_year,
        cast(admin_level as {{ ntp_type_string() }}) as admin_level,
        cast(area_name as {{ ntp_type_string() }}) as area_name,
        cast(area_code as {{ ntp_type_string() }}) as text_area_code,
        cast(period_start_year as integer) as period_start_year,
        cast(period_end_year as integer) as period_end_year,
        cast(as_of_date as date) as as_of_date,
        cast(project_code as {{ ntp_type_string() }}) as project_code,
        cast(sub_project_code as {{ ntp_type_string() }}) as sub_project_code,
        cast(content_code as {{ ntp_type_string() }}) as content_code,
        cast(indicator_name as {{ ntp_type_string() }}) as indicator_name,
        cast(target_value as decimal(18, 4)) as target_value,
        cast(denominator_value as decimal(18, 4)) as denominator_value,
        lower(cast(unit_raw as {{ ntp_type_string() }})) as unit_raw,
        cast(comparator as {{ ntp_type_string() }}) as comparator,
        cast(measure as {{ ntp_type_string() }}) as measure,
        cast(project_basis as {{ ntp_type_string() }}) as project_basis,
        cast(measure_basis as {{ ntp_type_string() }}) as measure_basis,
        cast(year_basis as {{ ntp_type_string() }}) as year_basis,
        cast(origin as {{ ntp_type_string() }}) as origin,
        cast(source_locator as {{ ntp_type_string() }}) as source_locator,
        cast(figure_text as {{ ntp_type_string() }}) as figure_text,
        cast(source_quote as {{ ntp_type_string() }}) as source_quote
    from source

)

select * from renamed
