{#- Files the loaders could not read or understand, and documents the build held back because one of their rows
    failed a check of our own output's integrity (reason `quarantined`; the figures and checks are in
    rpt_flagged_figures). -#}
with

rejected as (

    select * from {{ ref('stg_extracted__rejected_documents') }}

),

findings as (

    select * from {{ ref('stg_build__findings') }}

),

held_back as (

    select * from findings
    where action = 'held_back'

),

held_back_checks as (

    select distinct
        document_id,
        check_name
    from held_back

),

check_lists as (

    select
        document_id,
        {{ ntp_string_agg('check_name', ', ', 'check_name') }} as check_names
    from held_back_checks
    group by document_id

),

quarantined as (

    select
        held_back.document_id,
        min(held_back.source_file) as source_file,
        count(*) as n_rows
    from held_back
    group by held_back.document_id

),

final as (

    select
        source_file,
        reason,
        detail,
        cast(null as {{ ntp_type_string() }}) as document_id
    from rejected

    union all

    select
        quarantined.source_file,
        'quarantined' as reason,
        quarantined.source_file || ': held back from the warehouse, '
        || cast(quarantined.n_rows as {{ ntp_type_string() }})
        || ' of its rows failed ' || check_lists.check_names
        || ' (marts.rpt_flagged_figures has each figure, check and quote); fix the document or the loaders, and'
        || ' the next build loads it' as detail,
        quarantined.document_id
    from quarantined
    inner join check_lists
        on quarantined.document_id = check_lists.document_id

)

select * from final
