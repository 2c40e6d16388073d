{#- What is in force for each line of the programme's budget (programme, province, year or period, project and
    sub-project, capital type, budget level, area; int_funding_statements): the first stated allocation, the
    adjustments stated after it in order of issue, the amount in force, the latest disbursed amount with the date
    it stands at, the disbursement rate, and the documents behind each number.
    - The allocation is the statement int_funding_statements ranks first (a province's own documents, then a
      national one, then a district's own, news items last; each by date of issue); any other document stating
      the line restates it and counts once (its agreement is checked in rpt_cross_document_checks).
    - Adjustments are the changes (điều chỉnh tăng/giảm) that count for the line (is_counted_change: a news
      item's only where no decision or report states one, as it repeats a resolution), in order of issue.
    - In force: the allocation plus the adjustments; without a stated allocation, the latest amount stated after
      an adjustment.
    - Disbursed: the statement with the latest date (its as-of date, else the document's date); a decision or
      report before a news item of the same date.
    One row per line, from that line's statements alone: an incremental build refreshes only the lines the
    replaced documents state (macros/incremental). -#}
{{ config(**ntp_per_line_config('in_force_id')) }}

with

statements as (

    select * from {{ ref('int_funding_statements') }} {{ ntp_only_replaced_lines('line_key') }}

),

originals as (

    select
        *,
        count(*) over (partition by line_key) as n_allocation_documents
    from statements
    where allocation_rank is not null

),

changes_summed as (

    select
        line_key,
        sum(amount_million_vnd) as adjustment_million_vnd,
        count(*) as n_adjustments,
        {{ ntp_string_agg('document_id', ',', 'issued_date') }} as adjustment_document_ids,
        max(issued_date) as last_adjusted_date
    from statements
    where is_counted_change
    group by line_key

),

results as (

    select
        *,
        row_number() over (
            partition by line_key
            order by coalesce(issued_date, make_date(1900, 1, 1)) desc, document_id
        ) as result_rank
    from statements
    where statement_class = 'result'

),

disbursements as (

    select
        *,
        coalesce(as_of_date, issued_date) as disbursed_as_of_date,
        row_number() over (
            partition by line_key
            order by
                coalesce(as_of_date, issued_date, make_date(1900, 1, 1)) desc,
                case when is_news then 1 else 0 end,
                coalesce(issued_date, make_date(1900, 1, 1)) desc,
                document_id
        ) as disbursement_rank
    from statements
    where statement_class = 'disbursement'

),

line_keys as (

    select
        *,
        row_number() over (
            partition by line_key
            order by coalesce(issued_date, make_date(9999, 12, 31)), document_id, statement_class
        ) as key_rank
    from statements
    where statement_class in ('allocation', 'change', 'result', 'disbursement')

),

joined as (

    select
        line_keys.line_key,
        line_keys.program_code,
        line_keys.province_code,
        line_keys.plan_year,
        line_keys.period_start_year,
        line_keys.period_end_year,
        line_keys.project_code,
        line_keys.top_project_code,
        line_keys.sub_project_code,
        line_keys.capital_type,
        line_keys.budget_level,
        line_keys.area_code,
        line_keys.area_name,
        originals.amount_million_vnd as allocated_million_vnd,
        originals.document_id as allocation_document_id,
        originals.issued_date as allocation_issued_date,
        coalesce(originals.n_allocation_documents, 0) as n_allocation_documents,
        changes_summed.adjustment_million_vnd,
        coalesce(changes_summed.n_adjustments, 0) as n_adjustments,
        changes_summed.adjustment_document_ids,
        changes_summed.last_adjusted_date,
        results.amount_million_vnd as stated_after_adjustment_million_vnd,
        results.document_id as stated_after_adjustment_document_id,
        disbursements.amount_million_vnd as disbursed_million_vnd,
        disbursements.disbursed_as_of_date,
        disbursements.document_id as disbursement_document_id
    from line_keys
    left join originals
        on line_keys.line_key = originals.line_key and originals.allocation_rank = 1
    left join changes_summed
        on line_keys.line_key = changes_summed.line_key
    left join results
        on line_keys.line_key = results.line_key and results.result_rank = 1
    left join disbursements
        on line_keys.line_key = disbursements.line_key and disbursements.disbursement_rank = 1
    where line_keys.key_rank = 1

),

final as (

    select
        line_key as in_force_id,
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
        cast(allocated_million_vnd as decimal(18, 3)) as allocated_million_vnd,
        allocation_document_id,
        allocation_issued_date,
        n_allocation_documents,
        cast(adjustment_million_vnd as decimal(18, 3)) as adjustment_million_vnd,
        n_adjustments,
        adjustment_document_ids,
        last_adjusted_date,
        cast(
            case
                when allocated_million_vnd is not null
                    then allocated_million_vnd + coalesce(adjustment_million_vnd, 0)
                else stated_after_adjustment_million_vnd
            end as decimal(18, 3)
        ) as in_force_million_vnd,
        case
            when allocated_million_vnd is not null then 'allocation'
            when stated_after_adjustment_million_vnd is not null then 'stated_after_adjustment'
        end as in_force_basis,
        cast(stated_after_adjustment_million_vnd as decimal(18, 3)) as stated_after_adjustment_million_vnd,
        stated_after_adjustment_document_id,
        cast(disbursed_million_vnd as decimal(18, 3)) as disbursed_million_vnd,
        disbursed_as_of_date,
        disbursement_document_id,
        cast(
            disbursed_million_vnd
            / nullif(
                case
                    when allocated_million_vnd is not null
                        then allocated_million_vnd + coalesce(adjustment_million_vnd, 0)
                    else stated_after_adjustment_million_vnd
                end,
                0
            ) as decimal(18, 6)
        ) as disbursement_rate,
        make_date(plan_year, 1, 1) as plan_year_start_date
    from joined

)

select * from final
