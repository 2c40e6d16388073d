{#- Fails for every negative value, except on rows where `allowed_when` holds (a reduction in an adjustment). -#}
{% test non_negative_unless(model, column_name, allowed_when=none) %}

select *
from {{ model }}
where
    {{ column_name }} < 0
    {% if allowed_when %}and not ({{ allowed_when }}){% endif %}

{% endtest %}
