{#- The first number written in a text, read the Vietnamese way, as a decimal:
    '1.238.075 triệu đồng' -> 1238075; '96,1%' -> 96.1; '12.940,347' -> 12940.347; '12940.347' -> 12940.347
    (a dot followed by three digits after one to three digits is grouping; any other dot is a decimal point);
    amounts written with several scale words are returned in million VND: '2 nghìn 150 tỷ 400 triệu đồng' ->
    2150400, '28 tỷ 120 triệu' -> 28120. The SQL twin of loaders.vnnum.parse_number / parse_compound_money. -#}
{% macro ntp_parse_vn_number(expression) -%}
    {{ return(adapter.dispatch('ntp_parse_vn_number', 'ntp_warehouse')(expression)) }}
{%- endmacro %}

{#- one numeric token (digits, dots, commas) to a decimal, the Vietnamese way -#}
{% macro ntp_vn_token(token, dialect) -%}
    {%- set grouped = '^[0-9]{1,3}([.][0-9]{3})+(,[0-9]+)?$' -%}
    case
        when {% if dialect == 'spark' %}({{ token }} rlike '{{ grouped }}'){% else %}regexp_full_match({{ token }}, '{{ grouped }}'){% endif %}
            then cast(replace(replace({{ token }}, '.', ''), ',', '.') as decimal(38, 6))
        else cast(replace({{ token }}, ',', '.') as decimal(38, 6))
    end
{%- endmacro %}

{% macro default__ntp_parse_vn_number(expression) -%}
    {%- set rlike = 'duckdb' -%}
    {%- set e = expression -%}
    case
        when regexp_matches({{ e }}, '[0-9][0-9.,]*\s+(nghìn|ngàn)\s+[0-9][0-9.,]*\s+tỷ')
            then {{ ntp_vn_token("regexp_extract(" ~ e ~ ", '([0-9][0-9.,]*)\s+(nghìn|ngàn)', 1)", rlike) }} * 1000000
            + {{ ntp_vn_token("regexp_extract(" ~ e ~ ", '([0-9][0-9.,]*)\s+tỷ', 1)", rlike) }} * 1000
            + coalesce({{ ntp_vn_token("nullif(regexp_extract(" ~ e ~ ", 'tỷ\s+([0-9][0-9.,]*)\s+triệu', 1), '')",
                                       rlike) }}, 0)
        when regexp_matches({{ e }}, '[0-9][0-9.,]*\s+tỷ\s+[0-9][0-9.,]*\s+triệu')
            then {{ ntp_vn_token("regexp_extract(" ~ e ~ ", '([0-9][0-9.,]*)\s+tỷ', 1)", rlike) }} * 1000
            + {{ ntp_vn_token("regexp_extract(" ~ e ~ ", 'tỷ\s+([0-9][0-9.,]*)\s+triệu', 1)", rlike) }}
        else {{ ntp_vn_token("regexp_extract(" ~ e ~ ", '[0-9][0-9.,]*[0-9]|[0-9]', 0)", rlike) }}
    end
{%- endmacro %}

{% macro spark__ntp_parse_vn_number(expression) -%}
    {%- set rlike = 'spark' -%}
    {%- set e = expression -%}
    case
        when {{ e }} rlike '[0-9][0-9.,]*\\s+(nghìn|ngàn)\\s+[0-9][0-9.,]*\\s+tỷ'
            then {{ ntp_vn_token("regexp_extract(" ~ e ~ ", '([0-9][0-9.,]*)\\\\s+(nghìn|ngàn)', 1)", rlike) }} * 1000000
            + {{ ntp_vn_token("regexp_extract(" ~ e ~ ", '([0-9][0-9.,]*)\\\\s+tỷ', 1)", rlike) }} * 1000
            + coalesce({{ ntp_vn_token("nullif(regexp_extract(" ~ e ~ ", 'tỷ\\\\s+([0-9][0-9.,]*)\\\\s+triệu', 1), '')",
                                       rlike) }}, 0)
        when {{ e }} rlike '[0-9][0-9.,]*\\s+tỷ\\s+[0-9][0-9.,]*\\s+triệu'
            then {{ ntp_vn_token("regexp_extract(" ~ e ~ ", '([0-9][0-9.,]*)\\\\s+tỷ', 1)", rlike) }} * 1000
            + {{ ntp_vn_token("regexp_extract(" ~ e ~ ", 'tỷ\\\\s+([0-9][0-9.,]*)\\\\s+triệu', 1)", rlike) }}
        else {{ ntp_vn_token("regexp_extract(" ~ e ~ ", '[0-9][0-9.,]*[0-9]|[0-9]', 0)", rlike) }}
    end
{%- endmacro %}
