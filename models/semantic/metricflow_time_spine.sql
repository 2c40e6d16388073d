{#- One row per day of the years dim_year covers (2016-2035): the time spine MetricFlow
    joins metrics to. Built with dbt's cross-database date_spine macro, so it ports to
    any adapter. -#}
with

days as (

    {{ dbt.date_spine(
        datepart="day",
        start_date="cast('2016-01-01' as date)",
        end_date="cast('2036-01-01' as date)",
    ) }}

),

final as (

    select cast(date_day as date) as date_day
    from days

)

select * from final
