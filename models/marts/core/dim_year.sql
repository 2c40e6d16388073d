with

years as (

    select * from {{ ref('stg_reference__years') }}

),

final as (

    select
        year,
        program_phase,
        phase_label
    from years

)

select * from final
