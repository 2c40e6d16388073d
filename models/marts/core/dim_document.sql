{#- one row per document, its own: refreshed document by document -#}
{{ config(**ntp_per_document_config()) }}

with

documents as (

    select * from {{ ref('int_documents_located') }} {{ ntp_only_replaced_documents() }}

),

final as (

    select
        document_id,
        source_files,
        province_code,
        admin_level,
        area_name,
        area_code,
        plan_year,
        doc_number,
        issued_date,
        doc_kind,
        title,
        primary_file,
        identified_by,
        n_targets,
        n_funding_lines,
        source_url,
        publisher,
        period_start_year,
        period_end_year
    from documents

)

select * from final
