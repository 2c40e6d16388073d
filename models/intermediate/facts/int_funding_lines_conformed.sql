{#- Funding lines with stable ids and the id of their parent line. -#}
with

lines as (

    select * from {{ ref('stg_extracted__funding_lines') }}

),

final as (

    select
        {{ ntp_surrogate_key(['lines.document_id', 'lines.line_code']) }} as allocation_id,
        case
            when lines.parent_line_code is not null
                then {{ ntp_surrogate_key(['lines.document_id', 'lines.parent_line_code']) }}
        end as parent_allocation_id,
        lines.*
    from lines

)

select * from final
