{#- The key a place name is matched on within its province: lower case, without its type word ("huyện Bắc Sơn",
    "Bắc Sơn" and "BẮC SƠN" share a key), without spaces, hyphens, apostrophes, dots and commas ("Ia H'Drai",
    "Ia H' Drai"), and a numbered ward's number without leading zeros ("Phường 01", "phường 1"). Plain string
    functions (translate deletes the characters it has no replacement for), the same on DuckDB and Spark. -#}
{% macro ntp_place_key(name) -%}
    {%- set type_words = ['thị trấn', 'thị xã', 'thành phố', 'huyện', 'quận', 'phường', 'xã', 'đặc khu', 'tp.', 'tp'] -%}
    {%- set lowered = 'lower(trim(' ~ name ~ '))' -%}
    {%- set key -%}
        translate(
            case
                {%- for word in type_words %}
                when {{ lowered }} like '{{ word }} %' then substr({{ lowered }}, {{ word | length + 2 }})
                {%- endfor %}
                else {{ lowered }}
            end,
            ' -–''’.,',
            ''
        )
    {%- endset -%}
    coalesce(cast(try_cast({{ key }} as integer) as {{ ntp_type_string() }}), {{ key }})
{%- endmacro %}

{#- A looser key, used only where it names one place of the province: the place key without diacritics (so the
    old and new placements of a tone mark, "Hoà" and "Hòa", are one), with 'y' as 'i' and 'k' as 'c' ("Đắk Glei",
    "Đăk Glei"; "Kỳ Sơn", "Kì Sơn"; "Krông Pắc", "Krông Pắk"). -#}
{% macro ntp_place_fold_key(name) -%}
    translate(
        {{ ntp_place_key(name) }},
        'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵyk',
        'aaaaaaaaaaaaaaaaadeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuiiiiiic'
    )
{%- endmacro %}
