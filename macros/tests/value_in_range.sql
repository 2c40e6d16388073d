{#- Fails for every row (matching `where`, if given) whose value lies outside [min_value, max_value]. -#}
{% test value_in_range(model, column_name, min_value=none, max_value=none, row_filter=none) %}

select *
from {{ model }}
where
    {% if row_filter %}({{ row_filter }}) and{% endif %}
    (
        false
        {% if min_value is not none %}or {{ column_name }} < {{ min_value }}{% endif %}
        {% if max_value is not none %}or {{ column_name }} > {{ max_value }}{% endif %}
    )

{% endtest %}
