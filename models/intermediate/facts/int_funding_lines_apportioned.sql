{#- Each funding line's additive amount: the part of its stated amount that its stated
    parts do not account for. A document states a whole and then its parts ("trong đó"),
    on up to two axes (the hierarchy, and a table's column totals), so summing every line
    counts the same money two or three times. Subtracting the parts on each axis and
    adding back the parts' own column parts (inclusion-exclusion) leaves each amount
    counted once, at the finest level the document states:

        additive = stated - tree parts - column parts + column parts of the tree parts

    Summed over a whole document it gives the document's top-level total; grouped by
    budget level or capital type it splits that total as finely as the document does,
    and what the document leaves unsplit stays with the whole (budget level NULL).
    Every column of the conformed line is carried, so the fact reads this model alone. -#}
{{ config(**ntp_per_document_config()) }}

with

lines as (

    select * from {{ ref('int_funding_lines_conformed') }} {{ ntp_only_replaced_documents() }}

),

breakdowns as (

    select * from {{ ref('stg_extracted__funding_breakdowns') }} {{ ntp_only_replaced_documents() }}

),

parts as (

    select
        breakdowns.document_id,
        breakdowns.parent_line_code,
        breakdowns.child_line_code,
        breakdowns.breakdown_axis,
        lines.amount_million_vnd
    from breakdowns
    inner join lines
        on
            breakdowns.document_id = lines.document_id
            and breakdowns.child_line_code = lines.line_code

),

parts_summed as (

    select
        document_id,
        parent_line_code as line_code,
        sum(
            case when breakdown_axis = 'tree' then amount_million_vnd else 0 end
        ) as tree_parts_million_vnd,
        sum(
            case when breakdown_axis = 'column' then amount_million_vnd else 0 end
        ) as column_parts_million_vnd,
        count(*) as n_parts
    from parts
    group by document_id, parent_line_code

),

column_parts_of_tree_parts as (

    select
        tree_parts.document_id,
        tree_parts.parent_line_code as line_code,
        sum(column_parts.amount_million_vnd) as column_parts_of_tree_parts_million_vnd
    from parts as tree_parts
    inner join parts as column_parts
        on
            tree_parts.document_id = column_parts.document_id
            and tree_parts.child_line_code = column_parts.parent_line_code
    where
        tree_parts.breakdown_axis = 'tree'
        and column_parts.breakdown_axis = 'column'
    group by tree_parts.document_id, tree_parts.parent_line_code

),

final as (

    select
        lines.*,
        coalesce(parts_summed.n_parts, 0) > 0 as has_parts,
        lines.amount_million_vnd
        - coalesce(parts_summed.tree_parts_million_vnd, 0)
        - coalesce(parts_summed.column_parts_million_vnd, 0)
        + coalesce(
            column_parts_of_tree_parts.column_parts_of_tree_parts_million_vnd, 0
        ) as additive_amount_million_vnd
    from lines
    left join parts_summed
        on
            lines.document_id = parts_summed.document_id
            and lines.line_code = parts_summed.line_code
    left join column_parts_of_tree_parts
        on
            lines.document_id = column_parts_of_tree_parts.document_id
            and lines.line_code = column_parts_of_tree_parts.line_code

)

select * from final
