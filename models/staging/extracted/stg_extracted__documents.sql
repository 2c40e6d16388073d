with

source as (

    select * from {{ ref('extracted_documents') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(source_files as varchar) as source_files,
        cast(primary_file as varchar) as primary_file,
        cast(province_code as varchar) as province_code,
        cast(admin_level as varchar) as admin_level,
        cast(area_name as varchar) as area_name,
        cast(plan_year as integer) as plan_year,
        cast(doc_number as varchar) as doc_number,
        cast(issued_date as date) as issued_date,
        cast(doc_kind as varchar) as doc_kind,
        cast(title as varchar) as title,
        cast(identified_by as varchar) as identified_by,
        cast(n_targets as integer) as n_targets,
        cast(n_funding_lines as integer) as n_funding_lines
    from source

)

select * from renamed
