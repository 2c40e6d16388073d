with

source as (

    select * from {{ ntp_extracted('extracted_funding_breakdowns') }}

),

renamed as (

    select
        cast(document_id as {{ ntp_type_string() }}) as document_id,
        cast(parent_line_code as {{ ntp_type_string() }}) as parent_line_code,
        cast(child_line_code as {{ ntp_type_string() }}) as child_line_code,
        cast(axis as {{ ntp_type_string() }}) as breakdown_axis,
        cast(breakdown as {{ ntp_type_string() }}) as breakdown_kind
    from source

)

select * from renamed
