with

units as (

    select * from {{ ref('stg_reference__units') }}

),

unit_variants as (

    select * from {{ ref('stg_reference__unit_variants') }}

),

variants_per_unit as (

    select
        unit_code,
        {{ ntp_string_agg('unit_raw', ' | ', 'unit_raw') }} as unit_raw_variants
    from unit_variants
    group by unit_code

),

final as (

    select
        units.unit_code,
        variants_per_unit.unit_raw_variants,
        units.quantity_kind,
        units.unit_name_en,
        units.unit_name_vi
    from units
    left join variants_per_unit
        on units.unit_code = variants_per_unit.unit_code

)

select * from final
