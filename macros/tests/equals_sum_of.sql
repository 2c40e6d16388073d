{#- Fails for every row (matching `row_filter`, if given) whose column differs from the sum of `addends` (NULL
    counts as 0) by more than `tolerance`: an amount in force is its allocation plus its adjustments. -#}
{% test equals_sum_of(model, column_name, addends, tolerance=0.0005, row_filter=none) %}

select *
from {{ model }}
where
    {% if row_filter %}({{ row_filter }}) and{% endif %}
    abs(
        coalesce({{ column_name }}, 0)
        - ({% for addend in addends %}coalesce({{ addend }}, 0){% if not loop.last %} + {% endif %}{% endfor %})
    ) > {{ tolerance }}

{% endtest %}
