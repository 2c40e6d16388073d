with

source as (

    select * from {{ ntp_extracted('extracted_funding_lines') }}

),

renamed as (

    select
        cast(document_id as {{ ntp_type_string() }}) as document_id,
        cast(line_code as {{ ntp_type_string() }}) as line_code,
        cast(parent_line_code as {{ ntp_type_string() }}) as parent_line_code,
        cast(program_code as {{ ntp_type_string() }}) as program_code,
        cast(province_code as {{ ntp_type_string() }}) as province_code,
        cast(plan_year as integer) as plan_year,
        cast(period_start_year as integer) as period_start_year,
        cast(period_end_year as integer) as period_end_year,
        cast(as_of_date as date) as as_of_date,
        cast(project_code as {{ ntp_type_string() }}) as project_code,
        cast(sub_project_code as {{ ntp_type_string() }}) as sub_project_code,
        cast(area_name as {{ ntp_type_string() }}) as area_name,
        cast(area_code as {{ ntp_type_string() }}) as text_area_code,
        cast(capital_type as {{ ntp_type_string() }}) as capital_type,
        cast(budget_level as {{ ntp_type_string() }}) as budget_level,
        cast(funding_source as {{ ntp_type_string() }}) as funding_source,
        cast(budget_phase as {{ ntp_type_string() }}) as budget_phase,
        cast(project_basis as {{ ntp_type_string() }}) as project_basis,
        cast(capital_type_basis as {{ ntp_type_string() }}) as capital_type_basis,
        cast(budget_level_basis as {{ ntp_type_string() }}) as budget_level_basis,
        cast(budget_phase_basis as {{ ntp_type_string() }}) as budget_phase_basis,
        cast(year_basis as {{ ntp_type_string() }}) as year_basis,
        cast(amount_million_vnd as decimal(18, 6)) as amount_million_vnd,
        cast(scale_word as {{ ntp_type_string() }}) as scale_word,
        cast(precision_million_vnd as decimal(18, 6)) as precision_million_vnd,
        cast(is_approximate as boolean) as is_approximate,
        cast(breakdown as {{ ntp_type_string() }}) as breakdown,
        cast(label as {{ ntp_type_string() }}) as label,
        cast(origin as {{ ntp_type_string() }}) as origin,
        cast(source_file as {{ ntp_type_string() }}) as source_file,
        cast(source_line as integer) as source_line,
        cast(source_locator as {{ ntp_type_string() }}) as source_locator,
        cast(span_start as integer) as span_start,
        cast(figure_text as {{ ntp_type_string() }}) as figure_text,
        cast(source_quote as {{ ntp_type_string() }}) as source_quote
    from source

)

select * from renamed
