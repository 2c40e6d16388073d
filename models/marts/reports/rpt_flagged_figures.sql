{#- Every figure a check of the build found wrong, with the check, the value, the quote and what the build did:
      held_back  the document failed a check of our own output's integrity (a key, a reference, a value its
                 quote does not support, a classification its parent contradicts): none of its rows are in the
                 warehouse, and rpt_rejected_documents lists it; the other documents are published
      flagged    the document is published and this figure failed a check of what documents say (a percentage
                 over 100, parts that do not add up to their whole)
    Written by `ntp-warehouse build` from the checks' failing rows (docs/operations.md). -#}
with

findings as (

    select * from {{ ref('stg_build__findings') }}

),

final as (

    select
        finding_id,
        action,
        document_id,
        source_file,
        source_line,
        figure_text,
        source_quote,
        check_name,
        checked_model,
        checked_column,
        checked_value,
        detail,
        test_name
    from findings

)

select * from final
