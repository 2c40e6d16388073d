{{ config(**ntp_per_document_config()) }}

with

targets as (

    select * from {{ ref('int_targets_conformed') }} {{ ntp_only_replaced_documents() }}

),

final as (

    select
        target_id,
        document_id,
        program_code,
        province_code,
        plan_year,
        admin_level,
        area_name,
        area_code,
        area_match,
        period_start_year,
        period_end_year,
        as_of_date,
        project_code,
        sub_project_code,
        content_code,
        indicator_name,
        target_value,
        denominator_value,
        unit_code,
        quantity_kind,
        unit_raw,
        comparator,
        measure,
        project_basis,
        measure_basis,
        year_basis,
        source_quote,
        source_line,
        source_file,
        source_locator,
        figure_text,
        origin,
        parent_target_id,
        make_date(plan_year, 1, 1) as plan_year_start_date
    from targets
    -- in the order the documents state them: readers (and the answer key's scorer, which pairs figures of equal
    -- value in order) meet a document's figures as they are written
    order by document_id, source_file, source_line, span_start

)

select * from final
