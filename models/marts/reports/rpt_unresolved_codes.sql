{#- Values documents state that resolve to no reference row (a project 'Dự án 11', a unit not in the list of
    units, a year outside the programme calendar): what was stated, where, and what the loaders did with it. -#}
with

unresolved as (

    select * from {{ ref('stg_extracted__unresolved_codes') }}

),

final as (

    select
        document_id,
        fact_type,
        column_name,
        stated_value,
        action,
        source_file,
        source_line,
        span_start,
        figure_text,
        source_quote
    from unresolved

)

select * from final
