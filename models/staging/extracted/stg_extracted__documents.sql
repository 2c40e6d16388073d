with

source as (

    select * from {{ ntp_extracted('extracted_documents') }}

),

renamed as (

    select
        cast(document_id as {{ ntp_type_string() }}) as document_id,
        cast(source_files as {{ ntp_type_string() }}) as source_files,
        cast(primary_file as {{ ntp_type_string() }}) as primary_file,
        cast(province_code as {{ ntp_type_string() }}) as province_code,
        cast(admin_level as {{ ntp_type_string() }}) as admin_level,
        cast(area_name as {{ ntp_type_string() }}) as area_name,
        cast(plan_year as integer) as plan_year,
        cast(doc_number as {{ ntp_type_string() }}) as doc_number,
        cast(issued_date as date) as issued_date,
        cast(doc_kind as {{ ntp_type_string() }}) as doc_kind,
        cast(title as {{ ntp_type_string() }}) as title,
        cast(identified_by as {{ ntp_type_string() }}) as identified_by,
        cast(n_targets as integer) as n_targets,
        cast(n_funding_lines as integer) as n_funding_lines,
        cast(source_url as {{ ntp_type_string() }}) as source_url,
        cast(publisher as {{ ntp_type_string() }}) as publisher,
        cast(period_start_year as integer) as period_start_year,
        cast(period_end_year as integer) as period_end_year
    from source

)

select * from renamed
