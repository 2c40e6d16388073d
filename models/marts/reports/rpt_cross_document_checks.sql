{#- Documents checked against each other, line by line (int_funding_statements): every document that restates an
    allocation (a district's own plan against the province's line for the district, a news item against the
    decision it reports, the base an adjustment says it adjusts, a report's plan, a national decision's funds
    for the province) against the allocation in force at its date (the first stated allocation and the changes
    issued before it); and every amount an adjustment states after its changes against the allocation and the
    changes up to it. Same statuses and explanations as rpt_funding_reconciliation: `inconsistent_in_source`
    means the sources disagree with each other (reported, never an error of the build).
    Every row depends on its line's statements alone: an incremental build refreshes the lines the replaced
    documents state or stated (macros/incremental). -#}
{{ config(**ntp_per_line_config('line_key')) }}

with

statements as (

    select * from {{ ref('int_funding_statements') }} {{ ntp_only_replaced_lines('line_key') }}

),

originals as (

    select * from statements
    where allocation_rank = 1

),

counted_changes as (

    select * from statements
    where is_counted_change

),

checked as (

    select
        statements.*,
        case
            when statements.is_national_line then 'national_allocation'
            when statements.is_news then 'news_item'
            when statements.document_admin_level in ('district', 'commune') then 'district_document'
            when statements.doc_kind = 'adjustment' then 'adjustment_base'
            else 'restated_allocation'
        end as check_kind
    from statements
    where statements.allocation_rank > 1

    union all

    select
        statements.*,
        'adjustment_result' as check_kind
    from statements
    where statements.statement_class = 'result'

),

referenced as (

    select
        checked.allocation_id,
        checked.check_kind,
        originals.amount_million_vnd + coalesce(sum(counted_changes.amount_million_vnd), 0)
            as reference_million_vnd,
        originals.precision_million_vnd
        + coalesce(sum(counted_changes.precision_million_vnd), 0) as reference_precision_million_vnd,
        originals.is_approximate as is_reference_approximate,
        count(counted_changes.allocation_id) as n_adjustments_before,
        originals.document_id as reference_document_id,
        originals.source_file as reference_source_file,
        originals.source_line as reference_source_line
    from checked
    inner join originals
        on checked.line_key = originals.line_key
    left join counted_changes
        on
            checked.line_key = counted_changes.line_key
            and (
                checked.issued_date > counted_changes.issued_date
                or (checked.check_kind = 'adjustment_result' and checked.issued_date = counted_changes.issued_date)
            )
    group by
        checked.allocation_id,
        checked.check_kind,
        originals.amount_million_vnd,
        originals.precision_million_vnd,
        originals.is_approximate,
        originals.document_id,
        originals.source_file,
        originals.source_line

),

compared as (

    select
        checked.*,
        referenced.reference_million_vnd,
        referenced.n_adjustments_before,
        referenced.reference_document_id,
        referenced.reference_source_file,
        referenced.reference_source_line,
        checked.amount_million_vnd - referenced.reference_million_vnd as difference_million_vnd,
        checked.precision_million_vnd + referenced.reference_precision_million_vnd + 0.0005
            as tolerance_million_vnd,
        checked.is_approximate or referenced.is_reference_approximate as is_approximate_pair
    from checked
    inner join referenced
        on
            checked.allocation_id = referenced.allocation_id
            and checked.check_kind = referenced.check_kind

),

classified as (

    select
        *,
        case
            when abs(difference_million_vnd) <= 0.0005 then 'ok'
            when abs(difference_million_vnd) <= tolerance_million_vnd then 'rounding'
            when
                is_approximate_pair
                and abs(difference_million_vnd)
                <= {{ var('approximate_share') }} * abs(reference_million_vnd)
                then 'rounding'
            else 'inconsistent_in_source'
        end as status
    from compared

),

final as (

    select
        {{ ntp_surrogate_key(['allocation_id', 'check_kind']) }} as check_id,
        check_kind,
        program_code,
        province_code,
        plan_year,
        period_start_year,
        period_end_year,
        project_code,
        top_project_code,
        sub_project_code,
        capital_type,
        budget_level,
        area_code,
        area_name,
        statement_class,
        document_id,
        reference_document_id,
        cast(amount_million_vnd as decimal(18, 3)) as stated_million_vnd,
        cast(reference_million_vnd as decimal(18, 3)) as reference_million_vnd,
        cast(difference_million_vnd as decimal(18, 3)) as difference_million_vnd,
        cast(tolerance_million_vnd as decimal(18, 6)) as tolerance_million_vnd,
        n_adjustments_before,
        status,
        case status
            when 'ok' then 'agrees with ' || reference_source_file
            when 'rounding'
                then
                    'differs from ' || reference_source_file || ' by '
                    || cast(cast(difference_million_vnd as decimal(18, 3)) as {{ ntp_type_string() }})
                    || ' million VND, within what the printed precision or an approximate amount allows'
            else
                source_file || ' line ' || cast(source_line as {{ ntp_type_string() }}) || ' states '
                || cast(cast(amount_million_vnd as decimal(18, 3)) as {{ ntp_type_string() }})
                || ' but ' || reference_source_file || ' line '
                || cast(reference_source_line as {{ ntp_type_string() }}) || ' gives '
                || cast(cast(reference_million_vnd as decimal(18, 3)) as {{ ntp_type_string() }})
                || case
                    when n_adjustments_before > 0
                        then
                            ' with the ' || cast(n_adjustments_before as {{ ntp_type_string() }})
                            || ' adjustment(s) issued before'
                    else ''
                end
                || ' (difference '
                || cast(cast(difference_million_vnd as decimal(18, 3)) as {{ ntp_type_string() }}) || ')'
        end as explanation,
        source_file,
        source_line,
        reference_source_file,
        reference_source_line,
        allocation_id,
        line_key
    from classified

)

select * from final
