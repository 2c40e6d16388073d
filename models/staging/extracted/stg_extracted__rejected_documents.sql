with

source as (

    select * from {{ ntp_extracted('extracted_rejected_documents') }}

),

renamed as (

    select
        cast(source_file as {{ ntp_type_string() }}) as source_file,
        cast(reason as {{ ntp_type_string() }}) as reason,
        cast(detail as {{ ntp_type_string() }}) as detail
    from source

)

select * from renamed
