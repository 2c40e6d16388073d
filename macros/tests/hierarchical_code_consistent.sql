{#- Fails for every row whose parent code does not fit its own code: in prose a line's code extends its
    parent's ("DIRECT.INV" under "DIRECT"); in a table ("ROW|COL") a line sits under the same column of a row
    above it. A parent moved by hand, or by a bug, breaks the rule. -#}
{% test hierarchical_code_consistent(model, column_name, parent_column) %}

select *
from {{ model }}
where
    {{ parent_column }} is not null
    and not (
        (
            {{ dbt.position("'|'", column_name) }} = 0
            and {{ dbt.position("'|'", parent_column) }} = 0
            and {{ dbt.position(parent_column ~ " || '.'", column_name) }} = 1
        )
        or (
            {{ dbt.position("'|'", column_name) }} > 0
            and {{ dbt.position("'|'", parent_column) }} > 0
            and {{ dbt.split_part(column_name, "'|'", 2) }} = {{ dbt.split_part(parent_column, "'|'", 2) }}
        )
    )

{% endtest %}
