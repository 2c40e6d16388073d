{#- Fails for every row whose parts (rows pointing at it through `parent_id_column`) do not add up to it within
    the tolerance the printed figures allow: the parent's precision plus the parts' precisions (half of the last
    printed digit each; "17,7 tỷ" is good to 0.05 tỷ), plus 0.0005 for decimal rounding. A failing row names the
    whole by `id_column`, under that column's own name (the build finds the row's document through it). -#}
{% test children_sum_to_parent(model, id_column, parent_id_column, amount_column, precision_column=none,
                               exclude_parent_where=none) %}

{%- set precision = precision_column if precision_column else '0' -%}

with

rows_ as (

    select * from {{ model }}

),

parts as (

    select
        {{ parent_id_column }} as parent_id,
        sum({{ amount_column }}) as children_sum,
        sum(coalesce({{ precision }}, 0)) as children_precision,
        count(*) as n_children
    from rows_
    where {{ parent_id_column }} is not null
    group by {{ parent_id_column }}

),

wholes as (

    select
        {{ id_column }} as whole_id,
        {{ amount_column }} as stated,
        coalesce({{ precision }}, 0) as precision_
    from rows_
    {% if exclude_parent_where %}where not ({{ exclude_parent_where }}){% endif %}

),

checked as (

    select
        wholes.whole_id as {{ id_column }},
        wholes.stated,
        parts.children_sum,
        parts.n_children,
        parts.children_sum - wholes.stated as difference,
        wholes.precision_ + parts.children_precision + 0.0005 as tolerance
    from wholes
    inner join parts
        on wholes.whole_id = parts.parent_id

)

select * from checked
where abs(difference) > tolerance

{% endtest %}
