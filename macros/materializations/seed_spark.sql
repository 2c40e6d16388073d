{#- Seeds on Spark: dbt-spark's own seed materialization, with the rows written as SQL literals. dbt-spark 1.11
    passes the rows as bindings, which its session cursor pastes in as '<value>': a NULL becomes the text 'None'
    and a quote inside a value ("commune 'Bảo Nam'") breaks the statement. Here NULL is null, and a backslash or
    a quote is escaped the way Spark SQL reads string literals; each value is cast to its declared column type.
    This works the same on a cluster (thrift, http), where the CSV file is not on the executors' disks. -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- do types.append(column_override.get(col_name, adapter.convert_type(agate_table, loop.index0))) -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for value in row -%}
                    cast({{ ntp_spark_literal(value) }} as {{ types[loop.index0] }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%}){%- if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}{%- do statements.append(sql) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}

{#- A CSV cell as a Spark SQL literal: null, or a quoted string with backslashes and quotes escaped. -#}
{% macro ntp_spark_literal(value) -%}
    {%- if value is none -%}
        null
    {%- else -%}
        '{{ (value | string) | replace("\\", "\\\\") | replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}
