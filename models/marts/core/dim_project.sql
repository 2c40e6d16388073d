with

projects as (

    select * from {{ ref('stg_reference__projects') }}

),

final as (

    select
        project_code,
        project_number,
        project_name_vi,
        project_name_en,
        program_code,
        program_phase
    from projects

)

select * from final
