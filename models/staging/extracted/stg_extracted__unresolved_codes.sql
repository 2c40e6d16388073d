with

source as (

    select * from {{ ref('extracted_unresolved_codes') }}

),

renamed as (

    select
        cast(document_id as varchar) as document_id,
        cast(fact_type as varchar) as fact_type,
        cast(column_name as varchar) as column_name,
        cast(stated_value as varchar) as stated_value,
        cast(action as varchar) as action,
        cast(source_file as varchar) as source_file,
        cast(source_line as integer) as source_line,
        cast(figure_text as varchar) as figure_text,
        cast(source_quote as varchar) as source_quote
    from source

)

select * from renamed
