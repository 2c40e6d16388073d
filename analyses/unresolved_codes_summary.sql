{#- What did documents state that matches no reference row (a 'Dự án 11', an unknown
    unit, a year outside the programme)? Grouped by fact type, column, stated value and
    what the loaders did, with how many times and in how many documents, and one example
    to look at. -#}
with

unresolved as (

    select * from {{ ref('rpt_unresolved_codes') }}

),

final as (

    select
        fact_type,
        column_name,
        stated_value,
        action,
        count(*) as n_occurrences,
        count(distinct document_id) as n_documents,
        min(source_file) as example_source_file,
        min(source_quote) as example_source_quote
    from unresolved
    group by fact_type, column_name, stated_value, action

)

select * from final
order by n_occurrences desc, fact_type asc, column_name asc, stated_value asc
