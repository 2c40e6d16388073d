with

programs as (

    select * from {{ ref('stg_reference__programs') }}

),

final as (

    select
        program_code,
        program_name_vi,
        program_name_en,
        legal_basis,
        period_start_year,
        period_end_year
    from programs

)

select * from final
