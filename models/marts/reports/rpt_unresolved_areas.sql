{#- Places figures name that resolve to no district or commune of the document's province (or to several): one
    row per document, kind of fact and place name, with how many figures name it and where the first one is, so
    that no figure's place goes silently to NULL. -#}
with

targets as (

    select * from {{ ref('int_targets_conformed') }}

),

lines as (

    select * from {{ ref('int_funding_lines_conformed') }}

),

unresolved as (

    select
        document_id,
        'target' as fact_type,
        province_code,
        area_name,
        admin_level as area_level,
        area_match,
        source_file,
        source_line
    from targets
    where area_name is not null and area_code is null

    union all

    select
        document_id,
        'funding' as fact_type,
        province_code,
        area_name,
        area_level_hint as area_level,
        area_match,
        source_file,
        source_line
    from lines
    where area_name is not null and area_code is null

),

grouped as (

    select
        document_id,
        fact_type,
        province_code,
        area_name,
        max(area_level) as area_level,
        max(area_match) as area_match,
        count(*) as n_figures,
        min(source_file) as source_file,
        min(source_line) as first_source_line
    from unresolved
    group by document_id, fact_type, province_code, area_name

),

final as (

    select
        document_id,
        fact_type,
        province_code,
        area_name,
        area_level,
        area_match,
        n_figures,
        source_file,
        first_source_line,
        case area_match
            when 'ambiguous'
                then 'several districts or communes of province ' || province_code || ' are named '
            else 'no district or commune of province ' || province_code || ' is named '
        end
        || area_name || '; ' || cast(n_figures as {{ ntp_type_string() }})
        || ' figure(s) keep the name without a code; see ' || source_file
        || ' line ' || cast(first_source_line as {{ ntp_type_string() }}) as explanation
    from grouped

)

select * from final
