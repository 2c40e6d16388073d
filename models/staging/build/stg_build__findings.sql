with

source as (

    select * from {{ ref('build_findings') }}

),

renamed as (

    select
        cast(finding_id as {{ ntp_type_string() }}) as finding_id,
        cast(document_id as {{ ntp_type_string() }}) as document_id,
        cast(source_file as {{ ntp_type_string() }}) as source_file,
        cast(source_line as integer) as source_line,
        cast(figure_text as {{ ntp_type_string() }}) as figure_text,
        cast(source_quote as {{ ntp_type_string() }}) as source_quote,
        cast(check_name as {{ ntp_type_string() }}) as check_name,
        cast(checked_model as {{ ntp_type_string() }}) as checked_model,
        cast(checked_column as {{ ntp_type_string() }}) as checked_column,
        cast(checked_value as {{ ntp_type_string() }}) as checked_value,
        cast(action as {{ ntp_type_string() }}) as action,
        cast(detail as {{ ntp_type_string() }}) as detail,
        cast(test_name as {{ ntp_type_string() }}) as test_name
    from source

)

select * from renamed
