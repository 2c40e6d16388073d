{#- Fails for every child whose classification contradicts its parent's on any of `columns` (both stated and
    different): an investment line cannot be a part of a recurrent one. A failing row names the child by
    `id_column`, under that column's own name. -#}
{% test parent_child_consistent(model, id_column, parent_id_column, columns) %}

with

rows_ as (

    select * from {{ model }}

),

pairs as (

    select
        child.{{ id_column }} as {{ id_column }},
        parent.{{ id_column }} as parent_id
        {%- for column in columns %},
        child.{{ column }} as child_{{ column }},
        parent.{{ column }} as parent_{{ column }}
        {%- endfor %}
    from rows_ as child
    inner join rows_ as parent
        on child.{{ parent_id_column }} = parent.{{ id_column }}

)

select * from pairs
where
    false
    {%- for column in columns %}
    or (child_{{ column }} is not null and parent_{{ column }} is not null
        and child_{{ column }} <> parent_{{ column }})
    {%- endfor %}

{% endtest %}
