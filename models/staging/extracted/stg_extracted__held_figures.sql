with

source as (

    select * from {{ ref('extracted_held_figures') }}

),

renamed as (

    select
        cast(held_id as {{ ntp_type_string() }}) as held_id,
        cast(document_id as {{ ntp_type_string() }}) as document_id,
        cast(fact_type as {{ ntp_type_string() }}) as fact_type,
        cast(line_code as {{ ntp_type_string() }}) as line_code,
        cast(label as {{ ntp_type_string() }}) as label,
        cast(value as decimal(20, 6)) as figure_value,
        cast(unit as {{ ntp_type_string() }}) as unit,
        cast(reason as {{ ntp_type_string() }}) as reason,
        cast(detail as {{ ntp_type_string() }}) as detail,
        cast(confidence as decimal(5, 1)) as confidence,
        cast(source_file as {{ ntp_type_string() }}) as source_file,
        cast(source_line as integer) as source_line,
        cast(source_locator as {{ ntp_type_string() }}) as source_locator,
        cast(span_start as integer) as span_start,
        cast(page as integer) as page_number,
        cast(x0 as decimal(10, 1)) as box_x0,
        cast(top as decimal(10, 1)) as box_top,
        cast(x1 as decimal(10, 1)) as box_x1,
        cast(bottom as decimal(10, 1)) as box_bottom,
        cast(dpi as decimal(6, 1)) as dpi,
        cast(figure_text as {{ ntp_type_string() }}) as figure_text,
        cast(source_quote as {{ ntp_type_string() }}) as source_quote
    from source

)

select * from renamed
