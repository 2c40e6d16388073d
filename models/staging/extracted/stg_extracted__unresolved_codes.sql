with

source as (

    select * from {{ ref('extracted_unresolved_codes') }}

),

renamed as (

    select
        cast(document_id as {{ ntp_type_string() }}) as document_id,
        cast(fact_type as {{ ntp_type_string() }}) as fact_type,
        cast(column_name as {{ ntp_type_string() }}) as column_name,
        cast(stated_value as {{ ntp_type_string() }}) as stated_value,
        cast(action as {{ ntp_type_string() }}) as action,
        cast(source_file as {{ ntp_type_string() }}) as source_file,
        cast(source_line as integer) as source_line,
        cast(span_start as integer) as span_start,
        cast(figure_text as {{ ntp_type_string() }}) as figure_text,
        cast(source_quote as {{ ntp_type_string() }}) as source_quote
    from source

)

select * from renamed
