with

source as (

    select * from {{ ref('extracted_document_files') }}

),

renamed as (

    select
        cast(source_file as varchar) as source_file,
        cast(document_id as varchar) as document_id,
        cast(sha256 as varchar) as sha256,
        cast(size_bytes as bigint) as size_bytes,
        cast(format as varchar) as file_format,
        cast(encoding as varchar) as text_encoding,
        cast(n_units as integer) as n_units,
        cast(is_primary as boolean) as is_primary,
        cast(duplicate_of as varchar) as duplicate_of,
        cast(duplicate_reason as varchar) as duplicate_reason
    from source

)

select * from renamed
