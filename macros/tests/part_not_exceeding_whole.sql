{#- Fails for every part ("trong đó") larger than its whole: same sign and a greater magnitude beyond the
    tolerance of the printed figures. exclude_parent_where names wholes that are not sums of same-signed parts,
    such as the net change of an adjustment, whose increases may exceed it. A failing row names the part by
    `id_column`, under that column's own name. -#}
{% test part_not_exceeding_whole(model, id_column, parent_id_column, amount_column, precision_column=none,
                                 exclude_parent_where=none) %}

{%- set precision = precision_column if precision_column else '0' -%}

with

rows_ as (

    select * from {{ model }}

),

wholes as (

    select * from rows_
    {% if exclude_parent_where %}where not ({{ exclude_parent_where }}){% endif %}

),

pairs as (

    select
        child.{{ id_column }} as {{ id_column }},
        parent.{{ id_column }} as parent_id,
        child.{{ amount_column }} as part_amount,
        parent.{{ amount_column }} as whole_amount,
        coalesce(child.{{ precision }}, 0) + coalesce(parent.{{ precision }}, 0) + 0.0005 as tolerance
    from rows_ as child
    inner join wholes as parent
        on child.{{ parent_id_column }} = parent.{{ id_column }}

)

select * from pairs
where
    sign(part_amount) = sign(whole_amount)
    and abs(part_amount) > abs(whole_amount) + tolerance

{% endtest %}
