{#- The first number written in a text, read the Vietnamese way, as a decimal:
    '1.238.075 triệu đồng' -> 1238075; '96,1%' -> 96.1; '12.940,347' -> 12940.347; '12940.347' -> 12940.347
    (a dot followed by three digits after one to three digits is grouping; any other dot is a decimal point);
    '2 nghìn 150 tỷ 400 triệu đồng' -> 2150400 (in million VND). The SQL twin of loaders.vnnum.parse_number. -#}
{% macro ntp_parse_vn_number(expression) -%}
    {{ return(adapter.dispatch('ntp_parse_vn_number', 'ntp_warehouse')(expression)) }}
{%- endmacro %}

{% macro default__ntp_parse_vn_number(expression) -%}
    case
        when regexp_matches({{ expression }}, '\d+\s+(nghìn|ngàn)\s+\d+\s+tỷ')
            then cast(regexp_extract({{ expression }}, '(\d+)\s+(nghìn|ngàn)', 1) as decimal(38, 6)) * 1000000
            + cast(regexp_extract({{ expression }}, '(\d+)\s+tỷ', 1) as decimal(38, 6)) * 1000
            + coalesce(cast(nullif(regexp_extract({{ expression }}, 'tỷ\s+(\d+)\s+triệu', 1), '') as decimal(38, 6)), 0)
        when regexp_matches(regexp_extract({{ expression }}, '\d[\d.,]*', 0), '^\d{1,3}(\.\d{3})+(,\d+)?$')
            then cast(replace(replace(regexp_extract({{ expression }}, '\d[\d.,]*\d|\d', 0), '.', ''), ',', '.')
                as decimal(38, 6))
        else cast(replace(regexp_extract({{ expression }}, '\d[\d.,]*\d|\d', 0), ',', '.') as decimal(38, 6))
    end
{%- endmacro %}

{% macro spark__ntp_parse_vn_number(expression) -%}
    case
        when {{ expression }} rlike '\\d+\\s+(nghìn|ngàn)\\s+\\d+\\s+tỷ'
            then cast(regexp_extract({{ expression }}, '(\\d+)\\s+(nghìn|ngàn)', 1) as decimal(38, 6)) * 1000000
            + cast(regexp_extract({{ expression }}, '(\\d+)\\s+tỷ', 1) as decimal(38, 6)) * 1000
            + coalesce(cast(nullif(regexp_extract({{ expression }}, 'tỷ\\s+(\\d+)\\s+triệu', 1), '') as decimal(38, 6)), 0)
        when regexp_extract({{ expression }}, '\\d[\\d.,]*', 0) rlike '^\\d{1,3}(\\.\\d{3})+(,\\d+)?$'
            then cast(replace(replace(regexp_extract({{ expression }}, '\\d[\\d.,]*\\d|\\d', 0), '.', ''), ',', '.')
                as decimal(38, 6))
        else cast(replace(regexp_extract({{ expression }}, '\\d[\\d.,]*\\d|\\d', 0), ',', '.') as decimal(38, 6))
    end
{%- endmacro %}
