{#- Which files were not loaded, and why? One row per rejected file with its reason, the
    detail a person can act on, and how many files were rejected for the same reason. -#}
with

rejected as (

    select * from {{ ref('rpt_rejected_documents') }}

),

reason_counts as (

    select
        reason,
        count(*) as n_files_with_reason
    from rejected
    group by reason

),

final as (

    select
        rejected.reason,
        reason_counts.n_files_with_reason,
        rejected.source_file,
        rejected.detail
    from rejected
    inner join reason_counts
        on rejected.reason = reason_counts.reason

)

select * from final
order by n_files_with_reason desc, reason asc, source_file asc
