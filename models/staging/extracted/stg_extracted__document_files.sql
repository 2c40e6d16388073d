with

source as (

    select * from {{ ntp_extracted('extracted_document_files') }}

),

renamed as (

    select
        cast(source_file as {{ ntp_type_string() }}) as source_file,
        cast(document_id as {{ ntp_type_string() }}) as document_id,
        cast(sha256 as {{ ntp_type_string() }}) as sha256,
        cast(size_bytes as bigint) as size_bytes,
        cast(format as {{ ntp_type_string() }}) as file_format,
        cast(encoding as {{ ntp_type_string() }}) as text_encoding,
        cast(n_units as integer) as n_units,
        cast(is_primary as boolean) as is_primary,
        cast(duplicate_of as {{ ntp_type_string() }}) as duplicate_of,
        cast(duplicate_reason as {{ ntp_type_string() }}) as duplicate_reason
    from source

)

select * from renamed
