with

source as (

    select * from {{ ref('extracted_rejected_documents') }}

),

renamed as (

    select
        cast(source_file as varchar) as source_file,
        cast(reason as varchar) as reason,
        cast(detail as varchar) as detail
    from source

)

select * from renamed
