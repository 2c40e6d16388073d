{#- The area code of a fact row and how it was found (area_match), as two columns `area_code` and `area_match`:
    the loaders' code from the text (`text_area_code`); else the one area its name key names in the document's
    own district (`in_district`, for a commune of a district's document), else in the province (`by_name`);
    else, where the province knows no such name key, the one area its spelling key names (`by_spelling`). The
    three are rows of int_area_name_keys joined on the row's place name by ntp_area_key_joins; `level` is the
    level the figure is stated at ('district', 'commune', or NULL when not known). -#}
{% macro ntp_area_resolution(row, level, in_district='in_district', by_name='by_name', by_spelling='by_spelling') -%}
    {%- set district_pick = 'case when ' ~ in_district ~ '.n_communes = 1 and coalesce(' ~ level ~ ", 'commune') = 'commune' then " ~ in_district ~ '.commune_area_code end' -%}
        coalesce(
            {{ row }}.text_area_code,
            {{ district_pick }},
            {{ ntp_area_pick(by_name, level) }},
            case
                when {{ ntp_area_candidates(by_name, level) }} = 0
                    then {{ ntp_area_pick(by_spelling, level) }}
            end
        ) as area_code,
        case
            when {{ row }}.area_name is null and {{ row }}.text_area_code is null then null
            when {{ row }}.text_area_code is not null then 'text'
            when {{ district_pick }} is not null then 'name'
            when {{ ntp_area_pick(by_name, level) }} is not null then 'name'
            when {{ ntp_area_candidates(by_name, level) }} > 1 then 'ambiguous'
            when {{ ntp_area_pick(by_spelling, level) }} is not null then 'spelling'
            when {{ ntp_area_candidates(by_spelling, level) }} > 1 then 'ambiguous'
            else 'not_found'
        end as area_match
{%- endmacro %}

{#- The three lookups ntp_area_resolution reads, as left joins of `area_keys` (int_area_name_keys) on a row's place
    name (`name`): its name key in the document's district (`district_code`), in the province (`province_code`),
    and its spelling key in the province; aliased in_district, by_name and by_spelling. -#}
{% macro ntp_area_key_joins(area_keys, name, province_code, district_code) -%}
    left join {{ area_keys }} as in_district
        on
            {{ district_code }} = in_district.scope_code
            and in_district.key_kind = 'name'
            and {{ ntp_place_key(name) }} = in_district.place_key
    left join {{ area_keys }} as by_name
        on
            {{ province_code }} = by_name.scope_code
            and by_name.key_kind = 'name'
            and {{ ntp_place_key(name) }} = by_name.place_key
    left join {{ area_keys }} as by_spelling
        on
            {{ province_code }} = by_spelling.scope_code
            and by_spelling.key_kind = 'spelling'
            and {{ ntp_place_fold_key(name) }} = by_spelling.place_key
{%- endmacro %}
