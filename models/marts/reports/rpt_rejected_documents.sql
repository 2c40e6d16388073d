with

rejected as (

    select * from {{ ref('stg_extracted__rejected_documents') }}

),

final as (

    select
        source_file,
        reason,
        detail
    from rejected

)

select * from final
