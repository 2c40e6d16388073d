{#- Each funding line that has parts, per axis (the document's hierarchy, a table's column totals), with the
    stated amount, the sum of its parts and the tolerance their printed precision allows. -#}
{{ config(**ntp_per_document_config()) }}

with

breakdowns as (

    select * from {{ ref('stg_extracted__funding_breakdowns') }} {{ ntp_only_replaced_documents() }}

),

lines as (

    select * from {{ ref('int_funding_lines_conformed') }} {{ ntp_only_replaced_documents() }}

),

parts as (

    select
        breakdowns.document_id,
        breakdowns.parent_line_code,
        breakdowns.breakdown_axis,
        max(breakdowns.breakdown_kind) as breakdown_kind,
        count(*) as n_children,
        sum(lines.amount_million_vnd) as children_sum_million_vnd,
        sum(lines.precision_million_vnd) as children_precision_million_vnd,
        max(case when lines.is_approximate then 1 else 0 end) as any_child_approximate
    from breakdowns
    inner join lines
        on
            breakdowns.document_id = lines.document_id
            and breakdowns.child_line_code = lines.line_code
    group by breakdowns.document_id, breakdowns.parent_line_code, breakdowns.breakdown_axis

),

final as (

    select
        parent.allocation_id,
        parts.document_id,
        parts.parent_line_code as line_code,
        parts.breakdown_axis,
        parts.breakdown_kind,
        parts.n_children,
        parent.source_file,
        parent.source_line,
        parent.source_quote,
        parent.amount_million_vnd as stated_million_vnd,
        parts.children_sum_million_vnd,
        parts.children_sum_million_vnd - parent.amount_million_vnd as difference_million_vnd,
        parent.precision_million_vnd + parts.children_precision_million_vnd + 0.0005 as tolerance_million_vnd,
        parent.is_approximate or parts.any_child_approximate = 1 as is_approximate
    from parts
    inner join lines as parent
        on
            parts.document_id = parent.document_id
            and parts.parent_line_code = parent.line_code

)

select * from final
