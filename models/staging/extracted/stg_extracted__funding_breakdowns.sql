with

source as (

    select * from {{ ref('extracted_funding_breakdowns') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(parent_line_code as varchar) as parent_line_code,
        cast(child_line_code as varchar) as child_line_code,
        cast(axis as varchar) as breakdown_axis,
        cast(breakdown as varchar) as breakdown_kind
    from source

)

select * from renamed
