{#- Fails for every non-NULL value of the column that the value list `list_name` of the reference seed
    value_lists (seeds/reference/value_lists.csv, the one home of every list of values) does not hold.
    `lists` names another relation with the same columns (list_name, value): the fixtures use one. -#}
{% test in_value_list(model, column_name, list_name, lists=none) %}

with

allowed as (

    select value
    from {{ lists if lists is not none else ref('value_lists') }}
    where list_name = '{{ list_name }}'

)

select {{ column_name }} as value_not_in_list
from {{ model }}
where
    {{ column_name }} is not null
    and {{ column_name }} not in (select value from allowed)

{% endtest %}
