{#- One row per funding line that has parts (per axis: the document's hierarchy, a table's column totals).
    Status, by the severity policy in the README:
      ok                      the parts add up to the stated amount (within 0.0005 million VND)
      rounding                they differ by no more than the printed precision allows, or an amount is
                              approximate in the document (hơn, gần, khoảng)
      partial_breakdown       the document gives only some of the parts (news, "riêng", a single part)
      inconsistent_in_source  the quote-checked amounts are right but the document's own arithmetic is not
    Every row depends on its document's lines alone: an incremental build refreshes the replaced documents' rows
    (macros/incremental). -#}
{{ config(**ntp_per_document_config()) }}

with

summed as (

    select * from {{ ref('int_funding_breakdowns_summed') }} {{ ntp_only_replaced_documents() }}

),

classified as (

    select
        *,
        case
            when abs(difference_million_vnd) <= 0.0005 then 'ok'
            when is_approximate then 'rounding'
            when abs(difference_million_vnd) <= tolerance_million_vnd then 'rounding'
            when
                breakdown_kind = 'partial'
                and abs(children_sum_million_vnd) < abs(stated_million_vnd)
                then 'partial_breakdown'
            else 'inconsistent_in_source'
        end as status
    from summed

),

final as (

    select
        document_id,
        line_code,
        breakdown_axis,
        cast(stated_million_vnd as decimal(18, 3)) as stated_million_vnd,
        cast(children_sum_million_vnd as decimal(18, 3)) as children_sum_million_vnd,
        cast(difference_million_vnd as decimal(18, 3)) as difference_million_vnd,
        cast(tolerance_million_vnd as decimal(18, 6)) as tolerance_million_vnd,
        n_children,
        status,
        case status
            when 'ok' then 'the parts add up to the stated amount'
            when 'rounding'
                then
                    'the parts differ by '
                    || cast(cast(difference_million_vnd as decimal(18, 3)) as {{ ntp_type_string() }})
                    || ' million VND, within what the printed precision or an approximate amount allows'
            when 'partial_breakdown'
                then
                    'the document states only some of the parts ('
                    || cast(n_children as {{ ntp_type_string() }}) || ' given)'
            else
                'the document states '
                || cast(cast(stated_million_vnd as decimal(18, 3)) as {{ ntp_type_string() }})
                || ' but its parts add up to '
                || cast(cast(children_sum_million_vnd as decimal(18, 3)) as {{ ntp_type_string() }})
                || ' (difference '
                || cast(cast(difference_million_vnd as decimal(18, 3)) as {{ ntp_type_string() }})
                || '); see ' || source_file || ' line ' || cast(source_line as {{ ntp_type_string() }})
        end as explanation,
        source_file,
        source_line,
        source_quote,
        allocation_id
    from classified

)

select * from final
