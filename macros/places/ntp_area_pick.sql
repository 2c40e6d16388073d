{#- The area a place name resolves to, from its row of int_area_name_keys (`keys`): the one district or commune
    with the key at the level the figure is stated at (`level`: 'district', 'commune' or NULL for not known; a name
    shared by a district and a commune is then the district's); NULL when none or several have it. -#}
{% macro ntp_area_pick(keys, level) -%}
    case
        when {{ level }} = 'commune'
            then case when {{ keys }}.n_communes = 1 then {{ keys }}.commune_area_code end
        when {{ keys }}.n_districts = 1 then {{ keys }}.district_area_code
        when {{ keys }}.n_districts > 1 or {{ level }} = 'district' then null
        when {{ keys }}.n_communes = 1 then {{ keys }}.commune_area_code
    end
{%- endmacro %}

{#- How many areas of the province the key names at the figure's level (0 when the key is unknown). -#}
{% macro ntp_area_candidates(keys, level) -%}
    case
        when {{ level }} = 'commune' then coalesce({{ keys }}.n_communes, 0)
        when coalesce({{ keys }}.n_districts, 0) > 0 or {{ level }} = 'district'
            then coalesce({{ keys }}.n_districts, 0)
        else coalesce({{ keys }}.n_communes, 0)
    end
{%- endmacro %}
